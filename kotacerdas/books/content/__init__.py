"""Content builders: one function per book, building a `books.document.Document` from the live plan
through the apps' selectors."""
