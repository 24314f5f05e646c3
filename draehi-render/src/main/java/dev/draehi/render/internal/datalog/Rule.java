package dev.draehi.render.internal.datalog;

import java.util.List;

/** One definition of a rule: {@code [(name ?params…) clauses…]}. */
record Rule(String name, List<String> params, List<Clause> body) {}
