using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Validation.Limits;
using Tickr.GraphQL.Validation.Rules;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// Validates an executable document against a schema (spec §5): every specified rule plus the configured
/// limits and application rules run in a single walk of the document.
/// </summary>
public static class DocumentValidator
{
    [ThreadStatic]
    private static Session? t_session;

    /// <summary>
    /// The errors of <paramref name="document"/> (empty when it is valid). Never throws for bad input: a document
    /// too deep to walk or a failing rule becomes an error too.
    /// </summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        options ??= ValidationOptions.Default;
        if (options.Rules.Count > 0)
        {
            var context = new ValidationContext();
            var visitors = CreateStandardVisitors();
            foreach (var rule in options.Rules)
            {
                visitors.Add(rule.CreateVisitor(context));
            }
            return new Session(context, visitors).Run(schema, document, options);
        }

        // Contexts and rule instances are reused per thread: validating allocates nothing for a valid document
        // beyond what its shape requires.
        var session = t_session ?? new Session(new ValidationContext(), CreateStandardVisitors());
        t_session = null;
        try
        {
            return session.Run(schema, document, options);
        }
        finally
        {
            t_session = session;
        }
    }

    /// <summary>Runs only the given visitors (used by tests to check one rule in isolation).</summary>
    internal static IReadOnlyList<GraphQLError> ValidateWith(Schema schema, DocumentNode document, IReadOnlyList<ValidationVisitor> visitors, ValidationOptions? options = null) =>
        new Session(new ValidationContext(), visitors).Run(schema, document, options ?? ValidationOptions.Default);

    /// <summary>The spec rules (§5) in the order graphql-js lists them, followed by the limit rules.</summary>
    internal static List<ValidationVisitor> CreateStandardVisitors() =>
    [
        new ExecutableDefinitionsRule(),
        new OperationNameUniquenessRule(),
        new LoneAnonymousOperationRule(),
        new SingleRootFieldRule(),
        new KnownOperationTypesRule(),
        new KnownTypeNamesRule(),
        new FragmentsOnCompositeTypesRule(),
        new VariablesAreInputTypesRule(),
        new ScalarLeafsRule(),
        new FieldsOnCorrectTypeRule(),
        new UniqueFragmentNamesRule(),
        new KnownFragmentNamesRule(),
        new NoUnusedFragmentsRule(),
        new PossibleFragmentSpreadsRule(),
        new NoFragmentCyclesRule(),
        new UniqueVariableNamesRule(),
        new NoUndefinedVariablesRule(),
        new NoUnusedVariablesRule(),
        new KnownDirectivesRule(),
        new UniqueDirectivesPerLocationRule(),
        new KnownArgumentNamesRule(),
        new UniqueArgumentNamesRule(),
        new ValuesOfCorrectTypeRule(),
        new ProvidedRequiredArgumentsRule(),
        new VariablesInAllowedPositionRule(),
        new OverlappingFieldsCanBeMergedRule(),
        new UniqueInputFieldNamesRule(),
        new MaxIntrospectionDepthRule(),
        new MaxDepthRule(),
        new MaxAliasesRule(),
        new MaxFieldsRule(),
        new CostRule(),
    ];

    private sealed class Session
    {
        private readonly ValidationContext _context;
        private readonly DocumentWalker _walker;

        public Session(ValidationContext context, IReadOnlyList<ValidationVisitor> visitors)
        {
            _context = context;
            _walker = new DocumentWalker(context, visitors);
        }

        public IReadOnlyList<GraphQLError> Run(Schema schema, DocumentNode document, ValidationOptions options)
        {
            var context = _context;
            try
            {
                context.Begin(schema, document, options);
                _walker.Walk(document);
            }
            catch (ValidationAbortedException)
            {
                // The limit error is already recorded.
            }
            catch (InsufficientExecutionStackException)
            {
                context.AddErrorUnchecked(new GraphQLError("The document is too deeply nested to be validated.", code: ErrorCodes.ValidationFailed));
            }
#pragma warning disable CA1031 // A failing rule must surface as an error, never crash the request.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                context.AddErrorUnchecked(new GraphQLError("Validation failed unexpectedly.", code: ErrorCodes.Unexpected, exception: ex));
            }
            try
            {
                return context.TakeErrors();
            }
            finally
            {
                context.End();
            }
        }
    }
}
