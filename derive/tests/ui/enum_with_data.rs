use kubegen_derive::KubeSchema;

#[derive(KubeSchema)]
pub enum Source {
    None,
    Url(String),
}

fn main() {}
