"""The review desk: `wcc serve`, the analyst's browser view of one submission, writing the review file.

`state.py` holds the submission's proposals and applies the review file as it is now;
`view.py` turns them into the page's records; `app.py` has the routes; `security.py`
guards every request (Host, token, CSRF, CSP); `images.py` renders and caches page
images; `national.py` lists a results database's PCTs; `server.py` runs it with uvicorn.
See docs/review-desk.md.
"""
