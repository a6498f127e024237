"""What an import did, counted by kind, and every item it could not take with the reason.

The command prints it; tests read it as data.
"""

from collections import Counter
from dataclasses import dataclass, field

KINDS = ["posts", "pages", "quotes", "categories", "products", "images"]
OUTCOMES = ["imported", "updated", "skipped"]


@dataclass
class Report:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # (kind, outcome) → how many
    problems: list = field(default_factory=list)  # "attachment 37: file … not found …"
    skipped_here: list = field(default_factory=list)  # "post 12 “Title”: edited here since …"
    not_imported: Counter = field(default_factory=Counter)  # WordPress types we do not take

    def count(self, kind, outcome, number=1):
        self.counts[(kind, outcome)] += number

    def problem(self, text):
        self.problems.append(text)

    def lines(self):
        verb = "would be" if self.dry_run else ""
        head = "Dry run: nothing was written." if self.dry_run else "Import finished."
        lines = [head]
        for kind in KINDS:
            numbers = ", ".join(f"{self.counts[(kind, outcome)]} {outcome}" for outcome in OUTCOMES)
            lines.append(f"  {kind}: {numbers}")
        if self.not_imported:
            kinds = ", ".join(f"{n} {name}" for name, n in sorted(self.not_imported.items()))
            lines.append(f"  not imported by design: {kinds}")
        if self.skipped_here:
            lines.append(
                f"Left alone ({len(self.skipped_here)}), edited or deleted here since the import:"
            )
            lines += [f"  {text}" for text in self.skipped_here]
        if self.problems:
            lines.append(f"Could not take ({len(self.problems)}):")
            lines += [f"  {text}" for text in self.problems]
        if verb:
            lines.append("Run again without --dry-run to import.")
        return lines
