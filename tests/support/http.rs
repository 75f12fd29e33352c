//! The smallest HTTP server side a test feed needs: read one request.

use std::io::BufRead;
use std::net::TcpStream;

/// Reads a request from `stream` (its headers are read and dropped) and
/// returns its request line (`GET /services?page=2 HTTP/1.1`).
pub fn request_line(stream: &TcpStream) -> String {
    let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    reader.read_line(&mut request).unwrap_or(0);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    request
}
