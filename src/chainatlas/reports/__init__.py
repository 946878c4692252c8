"""Reports and what the pages and the briefing render alike: chart options, presenters, money and shares as
text. Renders, never queries: may import `domain` (and `analytics` constants); never `services`, `store`
or the adapters. Labels come in through `reports.labels.Labels` (the web's translator is one)."""
