use kubegen_derive::CustomResource;

#[derive(CustomResource)]
#[kubegen(group = "example.com", version = "v1", kind = "Gizmo", plural = "gizmos", colour = "red", namespaced)]
pub struct GizmoSpec {
    pub size: i32,
}

fn main() {}
