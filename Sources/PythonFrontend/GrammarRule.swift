/// The rules of `Grammars/python.peg`, one case per rule, entered by the parse function of the
/// same name. A test reads the grammar file and fails if the two lists differ or if a rule's
/// examples do not reach its function, so the grammar can never become a dead document.
enum GrammarRule: String, CaseIterable, Sendable {
    case file, statement, block, simple_stmts, simple_stmt, assignment
    case return_stmt, raise_stmt, global_stmt, del_stmt, assert_stmt, type_alias
    case dotted_name, import_name, import_from
    case if_stmt, elif_stmt, else_block, while_stmt, for_stmt, with_stmt, with_item
    case try_stmt, except_block, finally_block
    case decorators, function_def, class_def, type_params, parameters
    case match_stmt, case_block, patterns, pattern, or_pattern, closed_pattern
    case sequence_pattern, mapping_pattern, class_pattern
    case star_expressions, star_expression, named_expression, expression
    case disjunction, conjunction, inversion, comparison, bitwise_or, factor, power
    case await_primary, primary, arguments, slices, atom
    case strings, fstring, fstring_replacement_field
    case group_or_tuple, list, dict_or_set, for_if_clauses, lambdef, yield_expr
    case star_targets, star_target
}
