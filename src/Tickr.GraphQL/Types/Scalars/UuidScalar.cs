namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// UUID: an RFC 4122 UUID string (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>, any case; the 32-digit form without
/// hyphens is accepted too). Runtime value: <see cref="Guid"/>. Results are lower-case hyphenated.
/// </summary>
public sealed class UuidScalar : StringBackedScalar<Guid>
{
    public UuidScalar()
        : base("UUID")
    {
        Description = "A universally unique identifier (RFC 4122) as a string of 32 hexadecimal digits in five hyphen-separated groups, such as `123e4567-e89b-12d3-a456-426614174000`.";
    }

    public override string DescribeExpected() => "a UUID string";

    protected override bool TryParseString(string s, out Guid value) => TryParse(s, out value);

    protected override string FormatValue(Guid value) => value.ToString("D");

    private static bool TryParse(string s, out Guid g) =>
        Guid.TryParseExact(s, "D", out g) || Guid.TryParseExact(s, "N", out g);
}
