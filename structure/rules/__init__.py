"""The agreement's rules for the live structure, one module per family; each registers itself
with `structure.compliance.rule`:

- `composition`: members per seat, their party and unit, geographic spread, one per
  municipality, different municipalities, the working committee from its body;
- `substitutes`: substitutes appointed, from the member's area;
- `offices`: offices held, one holder at a time;
- `rotation`: offices passing between the parties as the rotation and the term say;
- `terms`: appointments about to end with no successor.
"""

from . import composition, offices, rotation, substitutes, terms  # noqa: F401
