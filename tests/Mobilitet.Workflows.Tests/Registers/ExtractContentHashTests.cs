using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class ExtractContentHashTests
{
    [Fact]
    public async Task The_hash_is_sha256_of_the_bytes_in_lowercase_hex_from_a_span_or_a_stream()
    {
        const string Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 test vector

        Assert.Equal(Abc, ExtractContentHash.Compute("abc"u8));
        using var stream = new MemoryStream("abc"u8.ToArray());
        Assert.Equal(Abc, await ExtractContentHash.ComputeAsync(stream, CancellationToken.None));
    }

    [Fact]
    public void The_same_file_twice_has_the_same_hash_and_any_other_byte_another()
    {
        var file = Extracts.Bytes(false, "\n", ExtractParser.AmountsHeader, Extracts.AmountLine());

        Assert.Equal(ExtractContentHash.Compute(file), ExtractContentHash.Compute(file.ToArray()));
        Assert.NotEqual(ExtractContentHash.Compute(file), ExtractContentHash.Compute(Extracts.Bytes(true, "\n", ExtractParser.AmountsHeader, Extracts.AmountLine())));
        Assert.NotEqual(ExtractContentHash.Compute(file), ExtractContentHash.Compute(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace("\n", "\r\n", StringComparison.Ordinal))));
    }
}
