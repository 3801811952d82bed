use kubegen_derive::KubeSchema;

#[derive(KubeSchema)]
#[kubegen(group = "example.com")]
pub struct Limits {
    pub size: i32,
}

fn main() {}
