"""News and policy analytics (情报): normalisation of scraped Chinese text with a map back to the original offsets,
linking to the registry over an Aho-Corasick automaton, and extraction of amounts, dates, people, topics and
disruption events. Rules and word lists are data files in `data/` the association can edit. Pure computation; may
import `domain` only (and opencc, pyahocorasick, jieba).
"""
