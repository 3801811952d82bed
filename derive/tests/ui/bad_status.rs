use kubegen_derive::CustomResource;

#[derive(CustomResource)]
#[kubegen(group = "example.com", version = "v1", kind = "Gizmo", plural = "gizmos", namespaced, status = "not a type")]
pub struct GizmoSpec {
    pub size: i32,
}

fn main() {}
