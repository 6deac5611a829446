package runbook.model;

import java.util.List;

import java.util.Objects;

/** {@code parse-table}: turn column output into rows. */
public record ParseTableStep(StepInfo info, TableSpec table) implements Step {
  public ParseTableStep {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(table, "table");
  }

  @Override
  public String action() {
    return "parse-table";
  }

  @Override
  public List<Command> commands() {
    return table.run() == null ? List.of() : List.of(table.run());
  }

  @Override
  public List<Ref> refs() {
    return table.of() == null ? List.of() : List.of(table.of());
  }

  @Override
  public List<Evaluated> evaluated() {
    return Evaluated.common(info).command("parse-table.run", table.run()).build();
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitParseTable(this);
  }
}
