//! The label selector text syntax, lexed and parsed as Go's `labels.Parse`.
//!
//! ```text
//! selector    := "" | requirement ("," requirement)*
//! requirement := "!" key | key | key op value | key ("in"|"notin") "(" values ")"
//! op          := "=" | "==" | "!=" | ">" | "<"
//! ```
//! Whitespace between tokens is ignored. An identifier is any run of
//! characters other than whitespace and `=!(),<>`; `in` and `notin` are
//! keywords only where an operator is expected. A missing value means the
//! empty string (`a=` is `a` equal to `""`; `a in ()` is `a in ("")`).

use std::collections::BTreeSet;

use super::selector::{Operator, Requirement, SelectorError, SelectorProblem};
use super::validate::{key_error, value_error};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    End,
    Ident,
    Not,
    Eq,
    DoubleEq,
    NotEq,
    Gt,
    Lt,
    Open,
    Close,
    Comma,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    pos: usize,
}

impl Token<'_> {
    /// The error of finding this token where `expected` should be.
    fn unexpected(&self, expected: &'static str) -> SelectorError {
        let found = (self.kind != Kind::End).then(|| self.text.to_owned());
        error_at(self, SelectorProblem::UnexpectedToken { found, expected })
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_special(c: char) -> bool {
    matches!(c, '=' | '!' | '(' | ')' | ',' | '<' | '>')
}

/// Splits the text into tokens, ending with `End`. Every character is part
/// of some token, so lexing cannot fail.
fn lex(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = text.char_indices().peekable();
    while let Some((pos, c)) = rest.next() {
        if is_space(c) {
            continue;
        }
        let (kind, len) = if is_special(c) {
            let next = rest.peek().map(|&(_, n)| n);
            let (kind, len) = match (c, next) {
                ('=', Some('=')) => (Kind::DoubleEq, 2),
                ('!', Some('=')) => (Kind::NotEq, 2),
                ('=', _) => (Kind::Eq, 1),
                ('!', _) => (Kind::Not, 1),
                ('(', _) => (Kind::Open, 1),
                (')', _) => (Kind::Close, 1),
                (',', _) => (Kind::Comma, 1),
                ('>', _) => (Kind::Gt, 1),
                _ => (Kind::Lt, 1),
            };
            if len == 2 {
                rest.next();
            }
            (kind, len)
        } else {
            let mut end = pos + c.len_utf8();
            while let Some(&(i, n)) = rest.peek() {
                if is_space(n) || is_special(n) {
                    break;
                }
                end = i + n.len_utf8();
                rest.next();
            }
            (Kind::Ident, end - pos)
        };
        tokens.push(Token {
            kind,
            text: &text[pos..pos + len],
            pos,
        });
    }
    tokens.push(Token {
        kind: Kind::End,
        text: "",
        pos: text.len(),
    });
    tokens
}

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    next: usize,
}

fn error_at(token: &Token<'_>, problem: SelectorProblem) -> SelectorError {
    SelectorError::new(Some(token.pos), problem)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Token<'a> {
        self.tokens[self.next]
    }

    fn advance(&mut self) -> Token<'a> {
        let token = self.tokens[self.next];
        if token.kind != Kind::End {
            self.next += 1;
        }
        token
    }

    fn selector(&mut self) -> Result<Vec<Requirement>, SelectorError> {
        let mut requirements = Vec::new();
        loop {
            let token = self.peek();
            match token.kind {
                Kind::End => return Ok(requirements),
                Kind::Ident | Kind::Not => {}
                _ => return Err(token.unexpected("!, identifier, or end of string")),
            }
            requirements.push(self.requirement()?);
            let token = self.advance();
            match token.kind {
                Kind::End => return Ok(requirements),
                Kind::Comma => {
                    let after = self.peek();
                    if !matches!(after.kind, Kind::Ident | Kind::Not) {
                        return Err(after.unexpected("identifier after ','"));
                    }
                }
                _ => return Err(token.unexpected("',' or end of string")),
            }
        }
    }

    fn requirement(&mut self) -> Result<Requirement, SelectorError> {
        let mut token = self.advance();
        let negated = token.kind == Kind::Not;
        if negated {
            token = self.advance();
        }
        if token.kind != Kind::Ident {
            return Err(token.unexpected("identifier"));
        }
        let key_token = token;
        if let Some(e) = key_error(key_token.text) {
            return Err(error_at(&key_token, e));
        }
        let operator = if negated {
            Operator::DoesNotExist
        } else if matches!(self.peek().kind, Kind::End | Kind::Comma) {
            Operator::Exists
        } else {
            self.operator()?
        };
        let values = match operator {
            Operator::Exists | Operator::DoesNotExist => BTreeSet::new(),
            Operator::In | Operator::NotIn => self.value_list(operator)?,
            _ => self.single_value(operator)?,
        };
        Requirement::validated(key_token.text.to_owned(), operator, values)
            .map_err(|e| error_at(&key_token, e))
    }

    fn operator(&mut self) -> Result<Operator, SelectorError> {
        let token = self.advance();
        Ok(match (token.kind, token.text) {
            (Kind::Ident, "in") => Operator::In,
            (Kind::Ident, "notin") => Operator::NotIn,
            (Kind::Eq, _) => Operator::Equals,
            (Kind::DoubleEq, _) => Operator::DoubleEquals,
            (Kind::NotEq, _) => Operator::NotEquals,
            (Kind::Gt, _) => Operator::GreaterThan,
            (Kind::Lt, _) => Operator::LessThan,
            _ => return Err(token.unexpected("in, notin, =, ==, !=, >, <")),
        })
    }

    /// Checks one value token where it was written.
    fn check_value(token: &Token<'_>, operator: Operator) -> Result<(), SelectorError> {
        let problem = if matches!(operator, Operator::GreaterThan | Operator::LessThan) {
            token
                .text
                .parse::<i64>()
                .err()
                .map(|_| SelectorProblem::NotAnInteger {
                    operator,
                    value: token.text.to_owned(),
                })
        } else {
            value_error(token.text)
        };
        problem.map_or(Ok(()), |e| Err(error_at(token, e)))
    }

    /// The value after `=`, `==`, `!=`, `>` or `<`; none means `""`.
    fn single_value(&mut self, operator: Operator) -> Result<BTreeSet<String>, SelectorError> {
        if matches!(self.peek().kind, Kind::End | Kind::Comma) {
            return Ok(BTreeSet::from([String::new()]));
        }
        let token = self.advance();
        if token.kind != Kind::Ident {
            return Err(token.unexpected("identifier"));
        }
        Self::check_value(&token, operator)?;
        Ok(BTreeSet::from([token.text.to_owned()]))
    }

    /// The `(a,b)` after `in` or `notin`; an empty item means `""`.
    fn value_list(&mut self, operator: Operator) -> Result<BTreeSet<String>, SelectorError> {
        let open = self.advance();
        if open.kind != Kind::Open {
            return Err(open.unexpected("'('"));
        }
        let mut values = BTreeSet::new();
        let mut expect_item = true;
        loop {
            let token = self.advance();
            match token.kind {
                Kind::Ident if expect_item => {
                    Self::check_value(&token, operator)?;
                    values.insert(token.text.to_owned());
                    expect_item = false;
                }
                Kind::Comma | Kind::Close => {
                    if expect_item {
                        values.insert(String::new());
                    }
                    if token.kind == Kind::Close {
                        return Ok(values);
                    }
                    expect_item = true;
                }
                _ => return Err(token.unexpected("',', ')' or identifier")),
            }
        }
    }
}

/// Parses selector text into requirements, in the order written.
pub(super) fn parse(text: &str) -> Result<Vec<Requirement>, SelectorError> {
    Parser {
        tokens: lex(text),
        next: 0,
    }
    .selector()
}
