<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Embed;
use Thankyou\Common\Settings;

final class EmbedTest extends TestCase
{
    private function embed(bool $test = false): Embed
    {
        return new Embed(new Settings('https://thankyou.example', 'acme', 'k1', 'top-secret', $test), static function (): int {
            return 1795000000;
        });
    }

    public function testTheTagCarriesTheSignedClaimsOfTheOrder(): void
    {
        $html = $this->embed()->tag(['id' => 7, 'total' => 10], ['first_name' => 'Anna'], ['locale' => 'de_DE', 'nonce' => 'n1']);
        $this->assertSame(1, preg_match('/^<script async src="https:\/\/thankyou\.example\/embed\/v1\.js" data-token="([^"]+)" nonce="n1"><\/script>$/', $html, $match));
        $token = token_of($match[1]);
        $this->assertSame(hs256($token['signed'], 'top-secret'), $token['signature']);
        $claims = $token['claims'];
        $this->assertSame(['iss' => 'acme', 'aud' => 'thankyou', 'iat' => 1795000000, 'exp' => 1795003600], array_slice($claims, 0, 4));
        $this->assertSame('de-DE', $claims['locale']);
        $this->assertSame(['id' => '7', 'total' => '10.00'], $claims['order']);
        $this->assertSame(['first_name' => 'Anna'], $claims['customer']);
    }

    public function testTestModeMarksEveryOrderAsATest(): void
    {
        $this->assertTrue(token_of($this->embed(true)->token(['id' => 1]))['claims']['test']);
    }

    public function testIncompleteSettingsSignNothingAndSayWhy(): void
    {
        $this->expectException(DomainException::class);
        $this->expectExceptionMessage('server_url, secret');
        (new Embed(new Settings('', 'acme', 'k1', '')))->token(['id' => 1]);
    }

    public function testAHugeOrderLosesItemsFromItsEndUntilTheTokenFits(): void
    {
        $items = [];
        for ($i = 0; $i < 500; ++$i) {
            $items[] = ['sku' => "SKU-$i", 'name' => str_repeat('Ä', 300), 'quantity' => 1, 'price' => '1.00'];
        }
        $token = $this->embed()->token(['id' => 1, 'total' => '500', 'items' => $items]);
        $kept = token_of($token)['claims']['order']['items'];
        $this->assertLessThanOrEqual(Embed::MAX_TOKEN_BYTES, strlen($token));
        $this->assertGreaterThan(5, count($kept));
        $this->assertSame('SKU-0', $kept[0]['sku']);
        $this->assertSame('SKU-' . (count($kept) - 1), end($kept)['sku']);
        $this->assertSame('500.00', token_of($token)['claims']['order']['total']);
    }
}
