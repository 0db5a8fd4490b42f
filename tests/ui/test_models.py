"""The Qt models over an analysis pass Qt's own model checks."""
from viewer.ui.models import EntityRole, EntityTreeModel, KeyPointModel


def test_entity_model_passes_modeltester(qtmodeltester, sample_analysis):
    model = EntityTreeModel()
    model.set_analysis(sample_analysis)
    qtmodeltester.check(model)
    assert model.rowCount() > 0


def test_key_point_model_passes_modeltester(qtmodeltester, sample_analysis):
    model = KeyPointModel()
    model.set_analysis(sample_analysis)
    qtmodeltester.check(model)
    assert model.rowCount() == len(sample_analysis.key_points)


def test_entities_in_a_group_are_in_salience_order(sample_analysis):
    model = EntityTreeModel()
    model.set_analysis(sample_analysis)
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        saliences = [model.index(r, 0, group).data(EntityRole).salience
                     for r in range(model.rowCount(group))]
        assert saliences == sorted(saliences, reverse=True)
