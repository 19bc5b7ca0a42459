<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Referral;

final class ReferralTest extends TestCase
{
    public function testTheLandingPagesRefParameterIsTheCode(): void
    {
        $this->assertSame('anna-2026', Referral::fromQuery(['ref' => 'anna-2026', 'utm_source' => 'x']));
        $this->assertNull(Referral::fromQuery(['utm_source' => 'x']));
    }

    /** @dataProvider notCodes */
    public function testWhatIsNoCodeIsIgnored($value): void
    {
        $this->assertNull(Referral::fromQuery(['ref' => $value]));
        $this->assertNull(Referral::fromCookies(['thankyou_ref' => $value]));
    }

    public function notCodes(): array
    {
        return [[''], ['a b'], ['<script>'], [str_repeat('a', 65)], [['a']], ["code\n"]];
    }

    public function testTheCookieKeepsTheCodeFor30DaysOutOfScriptsReach(): void
    {
        $cookie = Referral::cookie('anna-2026', 1000, true);
        $this->assertSame([
            'name' => 'thankyou_ref',
            'value' => 'anna-2026',
            'expires' => 1000 + 30 * 86400,
            'path' => '/',
            'secure' => true,
            'httponly' => true,
            'samesite' => 'Lax',
        ], $cookie);
        $this->assertSame('anna-2026', Referral::fromCookies([$cookie['name'] => $cookie['value']]));
    }
}
