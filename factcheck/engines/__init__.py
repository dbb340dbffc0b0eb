"""Where the parse runs: `local` (this process, or `--jobs` worker processes) and `cluster`
(a Dask cluster, `--engine dask`). Each gives (claim drafts, article) in input order from
(text, article) items; the extract run around them is the same."""
