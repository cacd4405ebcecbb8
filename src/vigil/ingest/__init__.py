"""Ingest: bytes -> ParsedDocument (one module per format) -> the store.

`formats.parse` picks a parser (text, html, pdf, docx, eml) and is pure;
`worker.ParserPool` runs it in sandboxed processes; `pipeline` feeds the
pool and saves what comes out.
"""
