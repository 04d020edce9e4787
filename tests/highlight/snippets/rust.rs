//! A tiny tokenizer for arithmetic expressions.
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Num(f64),
    Ident(String),
    Op(char),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Num(n) => write!(f, "{}", n),
            Token::Ident(s) => write!(f, "{s}"),
            Token::Op(c) => write!(f, "'{}'", c),
        }
    }
}

/// Splits `src` into tokens.
pub fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_digit() {
            let mut s = String::new();
            while let Some(&d) = chars.peek() {
                if !(d.is_ascii_digit() || d == '.') { break; }
                s.push(d);
                chars.next();
            }
            out.push(Token::Num(s.parse::<f64>().map_err(|e| e.to_string())?));
        } else if "+-*/".contains(c) {
            out.push(Token::Op(c));
            chars.next();
        } else {
            return Err(format!("unexpected {:?}", c));
        }
    }
    Ok(out)
}

fn main() {
    let vars: HashMap<&str, i64> = HashMap::from([("x", 0x10), ("y", 1_000)]);
    let tokens = tokenize("1 + 2.5 * 3").unwrap_or_default();
    println!("{:?} {} {}", tokens, vars.len(), r"raw\n" == "raw");
    let _t: &'static str = "done";
}
