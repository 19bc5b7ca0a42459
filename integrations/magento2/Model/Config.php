<?php

declare(strict_types=1);

namespace Thankyou\Embed\Model;

use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Store\Model\ScopeInterface;
use Thankyou\Common\Settings;

/**
 * Stores → Configuration → Sales → Thank-you page, per store view; the
 * secret is kept encrypted with the installation's key.
 */
class Config
{
    public const PATH = 'thankyou_embed/general/';

    public function __construct(
        private readonly ScopeConfigInterface $scopeConfig,
        private readonly EncryptorInterface $encryptor
    ) {
    }

    public function settings(int $storeId): Settings
    {
        return new Settings(
            $this->value('server_url', $storeId),
            $this->value('shop_key', $storeId),
            $this->value('key_id', $storeId),
            $this->encryptor->decrypt($this->value('secret', $storeId)),
            $this->scopeConfig->isSetFlag(self::PATH . 'test_mode', ScopeInterface::SCOPE_STORE, $storeId)
        );
    }

    public function referrals(int $storeId): bool
    {
        return $this->scopeConfig->isSetFlag(self::PATH . 'referrals', ScopeInterface::SCOPE_STORE, $storeId);
    }

    private function value(string $field, int $storeId): string
    {
        return (string) $this->scopeConfig->getValue(self::PATH . $field, ScopeInterface::SCOPE_STORE, $storeId);
    }
}
