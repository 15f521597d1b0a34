"""Attribution: who is the source of a figure.

Candidate generation (:mod:`.candidates`) proposes every source worth weighing for a figure —
the pick of the rule cascade in ``claims.py``, other cues of the sentence, the paragraph's
carried source, a person named in apposition to a descriptor, and "no named source" — each with
a feature vector; the ranker (:mod:`.ranker`, logistic regression with weights shipped in
``weights.json``) scores them and the best one is the claim's speaker. ``Claim.candidates``
keeps them all with their scores, so a reader can see why a source was chosen.
``python3 tasks.py train`` refits the weights (:mod:`.train`).
"""
