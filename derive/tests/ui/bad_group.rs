use kubegen_derive::CustomResource;

#[derive(CustomResource)]
#[kubegen(group = "Example", version = "v1", kind = "Gizmo", plural = "gizmos", namespaced)]
pub struct GizmoSpec {
    pub size: i32,
}

fn main() {}
