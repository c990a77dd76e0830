"""Pattern reports: pure functions over a partnership and an as-of date, returning DataFrames.

One module per family (:mod:`.plan_overlap`, :mod:`.marac`, :mod:`.mappa_children`,
:mod:`.sharing_matrix`, :mod:`.gaps_over_time`, :mod:`.clusters` over :mod:`.linked_risk`);
:mod:`.catalogue` lists the reports, their tables and what each column holds; :mod:`.charts`
draws them. Making them safe for analysts is :mod:`data_model.exports`.
"""
