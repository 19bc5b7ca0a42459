<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Jwt;

final class JwtTest extends TestCase
{
    public function testTheTokenIsTheHs256SignatureAnIndependentImplementationMakes(): void
    {
        // Made with Python's hmac and base64 from the same header and claims.
        $expected = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0'
            . '.eyJpc3MiOiJhY21lIiwiYXVkIjoidGhhbmt5b3UiLCJuIjoiWm_DqyJ9'
            . '.9fH8MOZoVUyFAL7M-sFZ_mgz4iFt0P8lFGmhF92Lx3k';
        $this->assertSame($expected, Jwt::sign(['iss' => 'acme', 'aud' => 'thankyou', 'n' => 'Zoë'], 'top-secret', 'k1'));
    }

    public function testTheHeaderNamesTheKeyIdOnlyWhenThereIsOne(): void
    {
        $this->assertSame(['alg' => 'HS256', 'typ' => 'JWT', 'kid' => 'k1'], token_of(Jwt::sign(['a' => 1], 's', 'k1'))['header']);
        $this->assertSame(['alg' => 'HS256', 'typ' => 'JWT'], token_of(Jwt::sign(['a' => 1], 's', ''))['header']);
    }

    public function testNoSecretNoToken(): void
    {
        $this->expectException(InvalidArgumentException::class);
        Jwt::sign(['iss' => 'acme'], '');
    }
}
