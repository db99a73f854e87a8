using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Tests;

public class ErrorModelTests
{
    [Fact]
    public void Error_code_defaults_to_internal_server_error()
    {
        var error = new GraphQLError("boom");
        Assert.Equal(ErrorCodes.Unexpected, error.Code);
    }

    [Fact]
    public void NonNull_of_NonNull_is_refused()
    {
        var inner = new NonNullType(new ObjectType("A"));
        Assert.Throws<ArgumentException>(() => new NonNullType(inner));
    }
}
