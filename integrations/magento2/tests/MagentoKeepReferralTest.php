<?php

declare(strict_types=1);

use Magento\Framework\App\Request\Http;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Framework\Event\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Stdlib\Cookie\CookieMetadataFactory;
use Magento\Framework\Stdlib\Cookie\PublicCookieMetadata;
use Magento\Framework\Stdlib\CookieManagerInterface;
use Magento\Store\Model\Store;
use Magento\Store\Model\StoreManagerInterface;
use PHPUnit\Framework\TestCase;
use Thankyou\Embed\Model\Config;
use Thankyou\Embed\Observer\KeepReferral;

final class MagentoKeepReferralTest extends TestCase
{
    private static function cookies(bool $enabled, array $query): array
    {
        $set = [];
        $manager = new class ($set) implements CookieManagerInterface {
            public function __construct(private array &$set)
            {
            }

            public function getCookie($name, $default = null)
            {
                return $default;
            }

            public function setPublicCookie($name, $value, ?PublicCookieMetadata $metadata = null)
            {
                $this->set[] = [$name, $value, $metadata->values];
            }
        };
        $stores = new class () implements StoreManagerInterface {
            public function getStore($storeId = null)
            {
                return new Store(1, 1);
            }
        };
        $encryptor = new class () implements EncryptorInterface {
            public function decrypt($data)
            {
                return $data;
            }
        };
        $config = new Config(new MagentoScopeConfig(['1' => ['thankyou_embed/general/referrals' => $enabled ? '1' : '0']]), $encryptor);
        (new KeepReferral($config, $stores, $manager, new CookieMetadataFactory()))
            ->execute(new Observer(new Event(['request' => new Http($query)])));

        return $set;
    }

    public function testALandingPagesCodeIsKeptInAFirstPartyCookie(): void
    {
        $this->assertSame(
            [['thankyou_ref', 'friend-7', ['duration' => 30 * 86400, 'path' => '/', 'secure' => true, 'http_only' => true, 'samesite' => 'Lax']]],
            self::cookies(true, ['ref' => 'friend-7'])
        );
    }

    public function testNothingIsKeptUnlessTheStoreViewAsksForIt(): void
    {
        $this->assertSame([], self::cookies(false, ['ref' => 'friend-7']));
        $this->assertSame([], self::cookies(true, ['ref' => '<b>']));
        $this->assertSame([], self::cookies(true, []));
    }
}
