"""The pure climate accounting engine: standard library only, no Django, no other app.

`numbers` parses Norwegian number input, `units` converts units, `factors` loads versioned factor
sets and chooses the factor for a year, `calculate` turns activity lines into kg CO2e and totals,
`restatement` splits a change of the total into activity, factor and boundary effects.
"""
