"""Rules of the domain: validation of ID numbers and amounts, code lists, income, consistency checks."""
