using System.ComponentModel;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>
/// A schema built from C# classes (the way Tickr builds its own) goes through our introspection, graphql-js
/// buildClientSchema and printSchema; graphql-js must print exactly what our printer prints.
/// </summary>
public sealed class CodeFirstRoundTripTests
{
    [Fact]
    public Task Schema_built_from_CSharp_prints_as_graphql_js_prints_it_from_our_introspection()
    {
        var schema = new SchemaBuilder()
            .AddQueryType<CodeFirstModel.Query>()
            .AddMutationType<CodeFirstModel.Mutation>()
            .AddType<CodeFirstModel.Magazine>()
            .ModifyOptions(o => o.Description = "A library, built from C#.\nSecond line of the schema description.")
            .Build();
        return EngineHarness.AssertIntrospectionRoundTripAsync(schema);
    }
}

/// <summary>C# shapes covering what the code-first builder maps: every scalar, enums, interfaces, unions, inputs.</summary>
public static class CodeFirstModel
{
    [GraphQLDescription("Reading entry points.")]
    public sealed class Query
    {
        [GraphQLDescription("Finds a book by its id.")]
        public Book? Book([ID] string id) => null;

        public Book? FindBook(BookBy by) => null;

        public IReadOnlyList<IPublication> Publications(int first = 10, Genre genre = Genre.ScienceFiction, BookFilter? filter = null) => [];

        public IReadOnlyList<ISearchResult> Search(string text, int limit = 20) => [];

        public string? Echo(
            string text = "say \"hi\" — ünïcödé ☕",
            double ratio = 0.25,
            bool loud = true,
            long big = 9007199254740991,
            Genre? genre = null,
            [GraphQLDeprecated("Use text.")] string? legacy = null) => text;

        [GraphQLDeprecated]
        public string? OldEcho => null;

        [GraphQLDeprecated("Use echo.")]
        public string? OlderEcho => null;

        public AllScalars Scalars => new();
    }

    public sealed class Mutation
    {
        [GraphQLDescription("""
            Adds a book.
              Indented line.
            Last line with a "quote".
            """)]
        public Book AddBook(BookInput input) => new() { Id = "1", Title = input.Title };
    }

    /// <summary>Every built-in and extended scalar, nullable and not, in lists.</summary>
    public sealed class AllScalars
    {
        public int Int => 1;
        public double Float => 1.5;
        public string String => "s";
        public bool Boolean => true;
        [ID] public string Id => "id";
        public DateTimeOffset DateTime => default;
        public DateOnly Date => default;
        public long Long => 1;
        public decimal Decimal => 1;
        public Guid Uuid => Guid.Empty;
        public Uri Url => new("https://example.com");
        public int? NullableInt => null;
        public IReadOnlyList<string> Strings => [];
        public IReadOnlyList<string?>? MaybeStrings => null;
        public IReadOnlyList<IReadOnlyList<double>> Matrix => [];
    }

    /// <summary>Something with a globally unique id.</summary>
    public interface INode
    {
        [ID] string Id { get; }
    }

    [InterfaceType]
    [GraphQLDescription("A publication; every publication is a node.")]
    public interface IPublication : INode
    {
        string Title { get; }
        Genre Genre { get; }
    }

    [UnionType("SearchResult")]
    public interface ISearchResult;

    [GraphQLDescription("Café ☕ — a book.")]
    public sealed class Book : IPublication, ISearchResult
    {
        [ID] public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public Genre Genre { get; init; }
        public int? Pages { get; init; }
        public Author? Author => null;
        public IReadOnlyList<string> Tags(int first = 3) => [];
    }

    public sealed class Magazine : IPublication
    {
        [ID] public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public Genre Genre { get; init; }
        public int Issue { get; init; }
    }

    public sealed class Author : ISearchResult
    {
        public string Name { get; init; } = "";
    }

    [GraphQLDescription("Kinds of books.")]
    public enum Genre
    {
        ScienceFiction,
        [GraphQLDescription("Dragons and such.")]
        Fantasy,
        [GraphQLDeprecated("Merged into FANTASY.")]
        FairyTale,
        [GraphQLDeprecated]
        Poetry,
    }

    [GraphQLDescription("New book data.")]
    public sealed record BookInput(
        string Title,
        Genre Genre = Genre.Fantasy,
        int? Pages = null,
        [property: GraphQLDeprecated("Use title.")] string? Name = null);

    public sealed class BookFilter
    {
        public string? TitleContains { get; set; }

        [DefaultValue(1)]
        public int MinPages { get; set; } = 1;

        public IReadOnlyList<Genre>? Genres { get; set; }
    }

    [OneOf]
    [GraphQLDescription("Identifies a book in exactly one way.")]
    public sealed class BookBy
    {
        [ID] public string? Id { get; set; }
        public string? Isbn { get; set; }
    }
}
