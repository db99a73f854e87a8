using Tickr.GraphQL.Validation;
using Tickr.GraphQL.Validation.Limits;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class LimitRulesTests
{
    [Fact]
    public void Depth_is_counted_through_fragments()
    {
        const string doc = """
            { dog { ...F } }
            fragment F on Dog { mother { mother { name } } }
            """;
        Assert.Empty(Run(new MaxDepthRule(), doc, options: new ValidationOptions { MaxDepth = 4 }));
        var errors = Run(new MaxDepthRule(), doc, options: new ValidationOptions { MaxDepth = 3 });
        var error = Assert.Single(errors);
        Assert.Equal("The operation has a depth of 4, which exceeds the maximum depth of 3.", error.Message);
        Assert.Equal(ErrorCodes.MaxDepthExceeded, error.Code);
        Assert.Equal(new SourceLocationList((1, 1)), new SourceLocationList(error));
    }

    [Fact]
    public void Depth_of_cyclic_fragments_terminates()
    {
        var errors = Run(new MaxDepthRule(), """
            query Q { dog { ...A } }
            fragment A on Dog { mother { ...B } }
            fragment B on Dog { father { ...A } }
            """, options: new ValidationOptions { MaxDepth = 2 });
        Assert.Equal("Operation \"Q\" has a depth of 3, which exceeds the maximum depth of 2.", Assert.Single(errors).Message);
    }

    [Fact]
    public void Aliases_count_once_per_fragment_spread()
    {
        const string doc = """
            { a: dog { ...F } b: dog { ...F } }
            fragment F on Dog { x: name y: name }
            """;
        Assert.Empty(Run(new MaxAliasesRule(), doc, options: new ValidationOptions { MaxAliases = 6 }));
        var error = Assert.Single(Run(new MaxAliasesRule(), doc, options: new ValidationOptions { MaxAliases = 5 }));
        Assert.Equal("The operation uses 6 aliases, which exceeds the maximum of 5.", error.Message);
        Assert.Equal(ErrorCodes.MaxAliasesExceeded, error.Code);
    }

    [Fact]
    public void Fields_are_counted_after_fragment_expansion()
    {
        const string doc = """
            { dog { ...F ...F } cat { name } }
            fragment F on Dog { name barks }
            """;
        // dog, cat, cat.name, and F's two fields twice.
        Assert.Empty(Run(new MaxFieldsRule(), doc, options: new ValidationOptions { MaxFields = 7 }));
        var error = Assert.Single(Run(new MaxFieldsRule(), doc, options: new ValidationOptions { MaxFields = 6 }));
        Assert.Equal("The operation selects 7 fields, which exceeds the maximum of 6.", error.Message);
        Assert.Equal(ErrorCodes.MaxFieldsExceeded, error.Code);
    }

    [Fact]
    public void Exponential_fragment_expansion_is_counted_without_expanding()
    {
        var doc = new System.Text.StringBuilder("{ dog { ...F0 } }\n");
        for (var i = 0; i < 60; i++)
        {
            doc.Append($"fragment F{i} on Dog {{ ...F{i + 1} ...F{i + 1} }}\n");
        }
        doc.Append("fragment F60 on Dog { name }\n");
        var error = Assert.Single(Run(new MaxFieldsRule(), doc.ToString(), options: new ValidationOptions { MaxFields = 1000 }));
        Assert.Equal(ErrorCodes.MaxFieldsExceeded, error.Code);
        Assert.Contains($"selects {(1L << 60) + 1} fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Introspection_nesting_of_list_fields_is_limited()
    {
        Assert.Empty(Run(new MaxIntrospectionDepthRule(), """
            { __schema { types { fields { type { fields { name } } } } } }
            """));
        var error = Assert.Single(Run(new MaxIntrospectionDepthRule(), """
            { __schema { types { fields { type { fields { type { fields { name } } } } } } } }
            """));
        Assert.Equal("Maximum introspection depth exceeded", error.Message);
        Assert.Equal(ErrorCodes.IntrospectionDepthExceeded, error.Code);
        Assert.Equal(new SourceLocationList((1, 3)), new SourceLocationList(error));
    }

    [Fact]
    public void Introspection_depth_follows_fragments_at_the_depth_they_are_spread()
    {
        var error = Assert.Single(Run(new MaxIntrospectionDepthRule(), """
            { __schema { types { ...F fields { type { fields { type { ...F } } } } } } }
            fragment F on __Type { interfaces { name } }
            """));
        Assert.Equal("Maximum introspection depth exceeded", error.Message);
    }

    [Fact]
    public void Introspection_limit_can_be_disabled() =>
        Assert.Empty(Run(new MaxIntrospectionDepthRule(), """
            { __schema { types { fields { type { fields { type { fields { name } } } } } } } }
            """, options: new ValidationOptions { MaxIntrospectionDepth = 0 }));
}

/// <summary>Locations as comparable values.</summary>
internal sealed record SourceLocationList(string Text)
{
    public SourceLocationList(params (int Line, int Column)[] locations)
        : this(string.Join(" ", locations.Select(l => $"{l.Line}:{l.Column}"))) { }

    public SourceLocationList(GraphQLError error)
        : this(string.Join(" ", (error.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))) { }
}
