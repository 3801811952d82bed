use kubegen_derive::KubeSchema;

#[derive(KubeSchema)]
pub struct Limits {
    #[kubegen(validate(minimum = 1))]
    pub size: i32,
}

fn main() {}
