use kubegen_derive::CustomResource;

#[derive(CustomResource)]
#[kubegen(version = "v1", kind = "Gizmo", plural = "gizmos", namespaced)]
pub struct GizmoSpec {
    pub size: i32,
}

fn main() {}
