"""`make compare SITE=folder`: the folder's posts built by real Jekyll and by
this site, compared post by post: address, links to other posts, visible text.

It is how a writer checks a migration before switching, and how this project
measures itself against Jekyll. `reading` and `diff` are pure; `jekyll`,
`here` and `cli` run the builds.
"""
