"""The platform's input rules in one place: how long a text may be, which characters it may hold,
and which days a date may fall on. Forms (`inputs.fields`), API schemas (`inputs.schemas`), the
API's 422 answers (`inputs.api`) and the filters all draw on `inputs.rules`, so that a value is
refused alike everywhere, with the same Swedish message, before it can reach a database (where
SQLite and PostgreSQL would otherwise differ) or a calculation that overflows.

Ground floor: imports no other app of the platform."""
