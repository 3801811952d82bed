use kubegen_derive::CustomResource;

#[derive(CustomResource)]
#[kubegen(
    group = "example.com",
    version = "v1",
    kind = "Gizmo",
    plural = "gizmos",
    namespaced,
    printer_column(name = "Size", type = "int", json_path = ".spec.size")
)]
pub struct GizmoSpec {
    pub size: i32,
}

fn main() {}
