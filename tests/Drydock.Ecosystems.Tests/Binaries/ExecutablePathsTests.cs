using Drydock.Ecosystems.Binaries;

namespace Drydock.Ecosystems.Tests.Binaries;

public sealed class ExecutablePathsTests
{
    [Theory]
    [InlineData("usr/bin/env", true)]
    [InlineData("app", true)]
    [InlineData("bin/tool.exe", true)]
    [InlineData("usr/share/doc/x/copyright", false)]
    [InlineData("app/node_modules/express/LICENSE", false)]
    [InlineData("app/node_modules/x/Makefile", false)]
    [InlineData("var/lib/dpkg/status", false)]
    [InlineData("usr/lib/x/libfoo.so.1", false)]
    [InlineData("usr/lib/python3/dist-packages/x-1.0.dist-info/METADATA", false)]
    public void IsCandidate_Path_AcceptsExtensionlessFilesOutsideDataFolders(string path, bool expected) =>
        Assert.Equal(expected, ExecutablePaths.IsCandidate(path));

    [Fact]
    public void HasExecutableMagic_RealElf_IsTrue() =>
        Assert.True(ExecutablePaths.HasExecutableMagic(File.ReadAllBytes("/usr/bin/env").AsSpan(0, 64)));

    [Fact]
    public void HasExecutableMagic_ShellScript_IsFalse() =>
        Assert.False(ExecutablePaths.HasExecutableMagic("#!/bin/sh\necho hi\n"u8));
}
