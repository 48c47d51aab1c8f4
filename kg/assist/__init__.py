"""The builder: from a new article to draft facts a person reviews (`kg add-source`, `kg review`, `kg accept`).

Holds the article reader (paragraphs, language, title and date), the drafters of mentions, new entities,
figures and relations, the draft writer, and the review and accept logic that merges accepted items into the
facts folder. May import kg.text, kg.build (the loader, to check what is accepted), and the shared leaves;
the lexicon is read as data (ontology/lexicon.yaml), not through kg.ask.
"""
