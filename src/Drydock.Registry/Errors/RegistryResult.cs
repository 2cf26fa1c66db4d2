using System.Diagnostics.CodeAnalysis;

namespace Drydock.Registry.Errors;

/// <summary>The outcome of a registry operation: a value, or the OCI error the client receives.</summary>
public readonly record struct RegistryResult<T>
{
    private RegistryResult(T? value, OciError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public OciError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

#pragma warning disable CA1000, CA2225 // Factories on the generic type and implicit conversions keep the domain code readable; Success/Failure are the named alternates.
    public static RegistryResult<T> Success(T value) => new(value, null);

    public static RegistryResult<T> Failure(OciError error) => new(default, error);

    public static implicit operator RegistryResult<T>(T value) => Success(value);

    public static implicit operator RegistryResult<T>(OciError error) => Failure(error);
#pragma warning restore CA1000, CA2225
}
