"""thesisdesk: checkable claims from small-cap market commentary.

Data flow, one package per stage: ``ingest`` (feeds, pages, files, market data ->
articles) -> ``nlp`` (articles -> claims) -> ``crosscheck`` (claims -> verdicts) ->
``digest`` (verdicts + stances -> the daily consensus) -> ``ui`` (CLI and screens).
``store`` keeps everything; ``records`` holds the typed records passed between stages.
"""

__version__ = "0.1.0"
