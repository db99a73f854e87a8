using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// One place a variable is used: the variable node, the input type expected there (null when unknown), the
/// default value of that position (argument or input field default; null when it has none) and the input type
/// enclosing the position (e.g. the input object whose field holds the variable).
/// </summary>
public readonly record struct VariableUsage(VariableNode Node, IGraphQLType? Type, ValueNode? DefaultValue, IGraphQLType? ParentType);
