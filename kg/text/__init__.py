"""Text: language tools shared by every stage that reads people's words.

Holds script folding (Traditional to Simplified Chinese, width and case), and the grammars of numbers and
time expressions in English and Chinese, as they are added. May import only the shared leaves (errors,
paths, ...); build, ask and the builder import it.
"""
