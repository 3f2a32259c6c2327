"""The annual evaluation: years, rounds, self-assessment, assessors' scores, final index, rankings, follow-ups."""
