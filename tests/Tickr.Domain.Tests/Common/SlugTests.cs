using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Common;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Festival de Carthage 2027", "festival-de-carthage-2027")]
    [InlineData("Théâtre municipal de Tunis", "theatre-municipal-de-tunis")]
    [InlineData("Ça va, l'été ?", "ca-va-l-ete")]
    [InlineData("ÉLECTRO & HOUSE", "electro-house")]
    [InlineData("  --Jazz   à   Tabarka--  ", "jazz-a-tabarka")]
    [InlineData("Rap tunisien: la « nouvelle » scène!!!", "rap-tunisien-la-nouvelle-scene")]
    [InlineData("Nuit_du_malouf.2027", "nuit-du-malouf-2027")]
    [InlineData("Ünïcödé Ñight", "unicode-night")]
    public void A_title_becomes_lower_case_ascii_words_joined_by_single_hyphens(string title, string slug)
    {
        Assert.Equal(slug, Slug.From(title));
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("Le Chœur de l'Opéra", "le-choeur-de-l-opera")]
    [InlineData("Cœur d'Æther", "coeur-d-aether")]
    [InlineData("Straße", "strasse")]
    [InlineData("Øresund", "oresund")]
    public void Ligatures_and_letters_without_a_decomposition_are_spelled_out_not_dropped(string title, string slug)
    {
        // French titles carry œ ("cœur", "chœur"): dropping it would make "c-ur" out of "cœur".
        Assert.Equal(slug, Slug.From(title));
    }

    [Fact]
    public void A_title_without_latin_letters_or_digits_gives_an_empty_slug_for_the_caller_to_replace()
    {
        // Arabic titles have no transliteration here: the caller must ask for a slug or make one (never an invalid one).
        Assert.Equal("", Slug.From("مهرجان قرطاج"));
        Assert.Equal("", Slug.From("!!! ???"));
        Assert.Equal("2027", Slug.From("مهرجان 2027"));
    }

    [Fact]
    public void A_long_title_is_cut_to_the_maximum_length_without_a_trailing_hyphen()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("Carthage", 30)));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.True(Slug.IsValid(slug), slug);
        Assert.StartsWith("carthage-carthage-", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(78)]
    [InlineData(79)]
    [InlineData(80)]
    [InlineData(81)]
    public void A_word_starting_at_the_length_limit_never_pushes_the_slug_past_it(int firstWordLength)
    {
        var slug = Slug.From(new string('a', firstWordLength) + " b c");
        Assert.True(slug.Length <= Slug.MaxLength, $"{slug.Length} characters");
        Assert.True(Slug.IsValid(slug), slug);
    }

    [Fact]
    public void Whatever_the_text_the_slug_is_empty_or_valid()
    {
        var random = new Random(80);
        // Whole emoji and lone surrogates too: clients can send malformed UTF-16.
        string[] pieces = ["a", "b", "X", "Z", "0", "9", " ", "-", "_", ".", "'", "!", "é", "É", "à", "œ", "ß", "Ø", "\u0301", "\t", "\n",
            "مهرجان", "🎫", "\uD83C", "\uDFAB", "carthage"];
        for (var i = 0; i < 5_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 120)).Select(_ => pieces[random.Next(pieces.Length)]));
            var slug = Slug.From(text);
            Assert.True(slug.Length == 0 || Slug.IsValid(slug), $"'{text}' → '{slug}'");
        }
    }

    [Theory]
    [InlineData("festival-de-carthage-2027")]
    [InlineData("a")]
    [InlineData("2027")]
    [InlineData("a-b-c")]
    public void A_valid_slug_is_lower_case_letters_digits_and_single_inner_hyphens(string slug)
    {
        Assert.True(Slug.IsValid(slug));
        Assert.Equal(slug, Slug.Require(slug));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-festival")]
    [InlineData("festival-")]
    [InlineData("festival--carthage")]
    [InlineData("Festival")]
    [InlineData("festival carthage")]
    [InlineData("théâtre")]
    [InlineData("festival_carthage")]
    public void Anything_else_is_not_a_slug(string? slug)
    {
        Assert.False(Slug.IsValid(slug));
        Expect.Refusal(DomainErrorCode.InvalidValue, "eventSlug", () => Slug.Require(slug!, "eventSlug"));
    }

    [Fact]
    public void A_slug_is_at_most_80_characters()
    {
        Assert.True(Slug.IsValid(new string('a', Slug.MaxLength)));
        Assert.False(Slug.IsValid(new string('a', Slug.MaxLength + 1)));
    }
}
