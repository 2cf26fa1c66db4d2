using Drydock.Registry.Names;

namespace Drydock.Registry.Tests.Names;

public sealed class RepositoryNameTests
{
    [Theory]
    [InlineData("app", "app")]
    [InlineData("team/app", "team")]
    [InlineData("team/app/api", "team")]
    [InlineData("a.b_c__d-e--f/x", "a.b_c__d-e--f")]
    [InlineData("library/ubuntu", "library")]
    [InlineData("0/1/2/3", "0")]
    public void TryParse_SpecGrammar_AcceptsAndTakesFirstComponentAsNamespace(string value, string expectedNamespace)
    {
        Assert.True(RepositoryName.TryParse(value, out var name));
        Assert.Equal(value, name.Value);
        Assert.Equal(expectedNamespace, name.Namespace);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Team/app")]
    [InlineData("team//app")]
    [InlineData("/team")]
    [InlineData("team/")]
    [InlineData("-team")]
    [InlineData("team_")]
    [InlineData("te___am")]
    [InlineData("team/.app")]
    [InlineData("team app")]
    [InlineData(null)]
    public void TryParse_OutsideSpecGrammar_Refuses(string? value)
    {
        Assert.False(RepositoryName.TryParse(value, out _));
    }

    [Fact]
    public void TryParse_LongerThan255_Refuses()
    {
        Assert.False(RepositoryName.TryParse(new string('a', 256), out _));
        Assert.True(RepositoryName.TryParse(new string('a', 255), out _));
    }

    [Theory]
    [InlineData("team", true)]
    [InlineData("team/app", false)]
    [InlineData("Team", false)]
    [InlineData("", false)]
    public void IsValidComponent_Namespace_MatchesOneComponent(string value, bool expected)
    {
        Assert.Equal(expected, RepositoryName.IsValidComponent(value));
    }
}
