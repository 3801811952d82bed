//! The scripted shell every container runs: `sh -c 'a; b'` or one command.
//!
//! Commands: `echo [-n] WORDS`, `printf TEXT` (`\n` escapes), either ending in
//! `>&2` to write to stderr; `cat` (stdin to stdout until stdin closes);
//! `env`; `sleep SECONDS`; `exit N`; `true`; `false`. Anything else prints
//! "not found" and sets status 127, as `sh` does. With a tty, stderr goes to
//! the terminal (stdout) and stdin is echoed.

use std::time::Duration;

use bytes::Bytes;
use tokio::sync::mpsc;

use crate::exec::{frame, STDERR, STDOUT};
use crate::Target;

/// The process's streams.
pub struct Io {
    /// Standard input; ends when the client closes it.
    pub stdin: mpsc::Receiver<Bytes>,
    /// Outgoing protocol messages.
    pub out: mpsc::Sender<Vec<u8>>,
    /// Whether a terminal was asked for.
    pub tty: bool,
}

impl Io {
    async fn write(&self, stderr: bool, data: &[u8]) {
        let channel = if stderr && !self.tty { STDERR } else { STDOUT };
        let _ = self.out.send(frame(channel, data)).await;
    }
}

/// Runs `argv` and returns its exit status.
pub async fn run(argv: &[String], target: &Target, mut io: Io) -> i32 {
    let script: Vec<Vec<String>> = match argv {
        [sh, c, script, ..] if sh.ends_with("sh") && c == "-c" => script
            .split(';')
            .map(words)
            .filter(|w| !w.is_empty())
            .collect(),
        _ => vec![argv.to_vec()],
    };
    let mut status = 0;
    for mut command in script {
        let stderr = command.last().is_some_and(|w| w == ">&2");
        if stderr {
            command.pop();
        }
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        status = match args.as_slice() {
            ["echo", "-n", rest @ ..] => {
                io.write(stderr, rest.join(" ").as_bytes()).await;
                0
            }
            ["echo", rest @ ..] => {
                io.write(stderr, format!("{}\n", rest.join(" ")).as_bytes())
                    .await;
                0
            }
            ["printf", rest @ ..] => {
                io.write(stderr, rest.join(" ").replace("\\n", "\n").as_bytes())
                    .await;
                0
            }
            ["cat"] => {
                while let Some(data) = io.stdin.recv().await {
                    io.write(false, &data).await;
                }
                0
            }
            ["env"] => {
                let env = format!(
                    "HOSTNAME={}\nPOD_NAMESPACE={}\nCONTAINER_NAME={}\n",
                    target.pod, target.namespace, target.container
                );
                io.write(stderr, env.as_bytes()).await;
                0
            }
            ["sleep", secs] => match secs.parse::<f64>() {
                Ok(secs) if (0.0..1e6).contains(&secs) => {
                    tokio::time::sleep(Duration::from_secs_f64(secs)).await;
                    0
                }
                _ => {
                    io.write(true, b"sleep: invalid time interval\n").await;
                    1
                }
            },
            ["exit"] => return status,
            ["exit", code] => return code.parse().unwrap_or(2),
            ["true"] => 0,
            ["false"] => 1,
            [name, ..] => {
                io.write(true, format!("sh: {name}: not found\n").as_bytes())
                    .await;
                127
            }
            [] => status,
        };
    }
    status
}

/// Splits a command into words; single and double quotes group words.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn quotes_group_words() {
        assert_eq!(
            words(" echo 'a  b' \"c\"d >&2 "),
            ["echo", "a  b", "cd", ">&2"]
        );
        assert_eq!(words("echo ''"), ["echo", ""]);
    }
}
