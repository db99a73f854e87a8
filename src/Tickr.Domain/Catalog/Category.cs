using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>A kind of event (concerts, theatre, sport…), shared by every organization.</summary>
public sealed class Category
{
    private Category() { }

    public Category(Guid id, string slug, string name)
    {
        Id = id;
        Slug = Common.Slug.Require(slug);
        Name = Text.Required(name, "name", 80);
    }

    public Guid Id { get; private set; }

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";
}
