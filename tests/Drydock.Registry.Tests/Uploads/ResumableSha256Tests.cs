using System.Security.Cryptography;
using System.Text;
using Drydock.Registry.Uploads;

namespace Drydock.Registry.Tests.Uploads;

public sealed class ResumableSha256Tests
{
    // FIPS 180-4's examples, as published in NIST's "SHA256.pdf" example values.
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void GetCurrentHash_NistExamples_MatchThePublishedDigests(string message, string expectedHex)
    {
        var hash = new ResumableSha256();
        hash.Append(Encoding.ASCII.GetBytes(message));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(hash.GetCurrentHash()));
    }

    [Fact]
    public void GetCurrentHash_EveryLengthAroundTheBlockBoundaries_EqualsThePlatformHash()
    {
        var random = new Random(180_4);
        var data = new byte[300];
        random.NextBytes(data);

        for (var length = 0; length <= data.Length; length++)
        {
            var hash = new ResumableSha256();
            hash.Append(data.AsSpan(0, length));
            Assert.Equal(SHA256.HashData(data.AsSpan(0, length)), hash.GetCurrentHash());
        }
    }

    [Fact]
    public void Append_RandomSplitsWithSaveAndRestoreBetweenChunks_EqualsThePlatformHash()
    {
        var random = new Random(2026_12_06);
        for (var round = 0; round < 200; round++)
        {
            var data = new byte[random.Next(0, 20_000)];
            random.NextBytes(data);

            var hash = new ResumableSha256();
            var offset = 0;
            while (offset < data.Length)
            {
                var chunk = Math.Min(random.Next(0, 300), data.Length - offset);
                hash.Append(data.AsSpan(offset, chunk));
                offset += chunk;

                // Another process picks the upload up: only the saved bytes travel.
                if (random.Next(3) == 0)
                {
                    Assert.True(ResumableSha256.TryRestore(hash.SaveState(), out var restored));
                    hash = restored;
                }
            }

            Assert.Equal(data.Length, hash.BytesHashed);
            Assert.Equal(SHA256.HashData(data), hash.GetCurrentHash());
        }
    }

    [Fact]
    public void GetCurrentHash_InTheMiddle_DoesNotDisturbTheRunningHash()
    {
        var data = Encoding.ASCII.GetBytes(new string('a', 1_000_000));
        var hash = new ResumableSha256();

        hash.Append(data.AsSpan(0, 123_457));
        Assert.Equal(SHA256.HashData(data.AsSpan(0, 123_457)), hash.GetCurrentHash());
        hash.Append(data.AsSpan(123_457));

        // FIPS 180-4's one million "a" example.
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(hash.GetCurrentHash()));
    }

    [Fact]
    public void TryRestore_BytesThatAreNotASavedState_Refused()
    {
        var hash = new ResumableSha256();
        hash.Append(new byte[70]);
        var saved = hash.SaveState();

        Assert.False(ResumableSha256.TryRestore(saved.AsSpan(0, saved.Length - 1), out _));

        var otherVersion = (byte[])saved.Clone();
        otherVersion[0] = 9;
        Assert.False(ResumableSha256.TryRestore(otherVersion, out _));

        // 70 bytes leave 6 in the partial block; a state claiming 7 contradicts its own byte count.
        var wrongPartial = (byte[])saved.Clone();
        wrongPartial[41] = 7;
        Assert.False(ResumableSha256.TryRestore(wrongPartial, out _));

        Assert.True(ResumableSha256.TryRestore(saved, out _));
    }
}
