"""Who may do what in the cities app: the expectations every permission test checks."""

PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
# Who may write what, for every city-level write action (the rest of the personas may not).
MANAGERS = {"kementerian", "koordinator"}
OPD_EDITORS = MANAGERS | {"operator_dinkes"}
STAKEHOLDER_EDITORS = MANAGERS | {"mitra"}
# Who sees Ambon (unpublished): everyone signed in except the coordinator of another city.
READERS = {"kementerian", "penilai", "koordinator", "operator_dinkes", "mitra"}
