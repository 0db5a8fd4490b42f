"""The loaded language model: how it multiplies its matrices."""
from __future__ import annotations


def test_the_model_multiplies_with_numpys_blas_not_blis(nlp):
    """blis, thinc's default, runs slow generic kernels on processors it does not know: every layer
    that multiplies through thinc (the token vectors, and the entity recogniser's own projection and
    hidden layer) uses numpy's BLAS instead. The recogniser's last layer spaCy builds itself."""
    recogniser = nlp.get_pipe("ner").model
    layers = [nlp.get_pipe("tok2vec").model, recogniser.get_ref("tok2vec"), recogniser.get_ref("lower")]
    nodes = [node for layer in layers for node in layer.walk()]
    assert len(nodes) > 10
    assert [node.name for node in nodes if node.ops.use_blis] == []
