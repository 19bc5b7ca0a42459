<?php

declare(strict_types=1);

/*
 * Stand-ins for the Magento 2.4 classes the module touches, under their real
 * names, with the methods the module calls as Magento declares them (the
 * order's getters are those of OrderInterface and the Order model). Values
 * are given as arrays. PSR-3's LoggerInterface is in integrations/tests/stubs.
 */

namespace Magento\Framework\Component {
    class ComponentRegistrar
    {
        public const MODULE = 'module';

        /** @var array<string, array<string, string>> */
        public static array $paths = [];

        public static function register($type, $componentName, $path): void
        {
            self::$paths[$type][$componentName] = $path;
        }
    }
}

namespace Magento\Framework\Exception {
    class NoSuchEntityException extends \Exception
    {
    }
}

namespace Magento\Framework\View\Element {
    use Psr\Log\LoggerInterface;

    class Context
    {
        public function __construct(private LoggerInterface $logger)
        {
        }

        public function getLogger(): LoggerInterface
        {
            return $this->logger;
        }
    }

    abstract class AbstractBlock
    {
        protected $_logger;

        public function __construct(Context $context, array $data = [])
        {
            $this->_logger = $context->getLogger();
        }

        public function toHtml()
        {
            return $this->_toHtml();
        }

        protected function _toHtml()
        {
            return '';
        }
    }
}

namespace Magento\Framework\App\Config {
    interface ScopeConfigInterface
    {
        public function getValue($path, $scopeType = 'default', $scopeCode = null);

        public function isSetFlag($path, $scopeType = 'default', $scopeCode = null);
    }
}

namespace Magento\Store\Model {
    interface ScopeInterface
    {
        public const SCOPE_STORE = 'store';
    }

    class Store
    {
        public function __construct(private int $id, private int $websiteId)
        {
        }

        public function getId()
        {
            return $this->id;
        }

        public function getWebsiteId()
        {
            return $this->websiteId;
        }
    }

    interface StoreManagerInterface
    {
        public function getStore($storeId = null);
    }
}

namespace Magento\Framework\Encryption {
    interface EncryptorInterface
    {
        public function decrypt($data);
    }
}

namespace Magento\Framework\Locale {
    interface ResolverInterface
    {
        public function getLocale();
    }
}

namespace Magento\Framework\Stdlib\Cookie {
    class PublicCookieMetadata
    {
        /** @var array<string, mixed> */
        public array $values = [];

        public function setDuration($duration)
        {
            $this->values['duration'] = $duration;

            return $this;
        }

        public function setPath($path)
        {
            $this->values['path'] = $path;

            return $this;
        }

        public function setSecure($secure)
        {
            $this->values['secure'] = $secure;

            return $this;
        }

        public function setHttpOnly($httpOnly)
        {
            $this->values['http_only'] = $httpOnly;

            return $this;
        }

        public function setSameSite(string $sameSite)
        {
            $this->values['samesite'] = $sameSite;

            return $this;
        }
    }

    class CookieMetadataFactory
    {
        public function createPublicCookieMetadata($metadata = null)
        {
            return new PublicCookieMetadata();
        }
    }
}

namespace Magento\Framework\Stdlib {
    use Magento\Framework\Stdlib\Cookie\PublicCookieMetadata;

    interface CookieManagerInterface
    {
        public function getCookie($name, $default = null);

        public function setPublicCookie($name, $value, ?PublicCookieMetadata $metadata = null);
    }
}

namespace Magento\Framework\App\Request {
    class Http
    {
        public function __construct(private array $query = [], private bool $secure = true)
        {
        }

        public function getQuery($name = null, $default = null)
        {
            return $this->query[$name] ?? $default;
        }

        public function isSecure()
        {
            return $this->secure;
        }
    }
}

namespace Magento\Framework\Event {
    class Event
    {
        public function __construct(private array $data = [])
        {
        }

        public function getRequest()
        {
            return $this->data['request'];
        }
    }

    class Observer
    {
        public function __construct(private Event $event)
        {
        }

        public function getEvent()
        {
            return $this->event;
        }
    }

    interface ObserverInterface
    {
        public function execute(Observer $observer);
    }
}

namespace Magento\Csp\Api\Data {
    interface PolicyInterface
    {
        public function getId(): string;
    }
}

namespace Magento\Csp\Model\Policy {
    use Magento\Csp\Api\Data\PolicyInterface;

    class FetchPolicy implements PolicyInterface
    {
        public function __construct(private string $id, private bool $noneAllowed = true, private array $hostSources = [])
        {
        }

        public function getId(): string
        {
            return $this->id;
        }

        public function getHostSources(): array
        {
            return $this->hostSources;
        }

        public function isNoneAllowed(): bool
        {
            return $this->noneAllowed;
        }
    }
}

namespace Magento\Csp\Model\Collector {
    use Magento\Csp\Api\Data\PolicyInterface;

    class DynamicCollector
    {
        /** @var list<PolicyInterface> */
        public array $added = [];

        public function add(PolicyInterface $policy): void
        {
            $this->added[] = $policy;
        }
    }
}

namespace Magento\Catalog\Api\Data {
    interface CategoryInterface
    {
        public function getName();
    }
}

namespace Magento\Catalog\Api {
    interface CategoryRepositoryInterface
    {
        /** @return \Magento\Catalog\Api\Data\CategoryInterface */
        public function get($categoryId, $storeId = null);
    }
}

namespace Magento\Catalog\Model {
    class Product
    {
        public function __construct(private array $categoryIds)
        {
        }

        public function getCategoryIds()
        {
            return $this->categoryIds;
        }
    }
}

namespace Magento\Sales\Model\Order {
    use Magento\Catalog\Model\Product;

    class Address
    {
        public function __construct(private ?string $countryId)
        {
        }

        public function getCountryId()
        {
            return $this->countryId;
        }
    }

    class Item
    {
        public function __construct(private array $data)
        {
        }

        public function getSku()
        {
            return $this->data['sku'];
        }

        public function getName()
        {
            return $this->data['name'];
        }

        /** A decimal, e.g. 2.0000. */
        public function getQtyOrdered()
        {
            return $this->data['qty_ordered'];
        }

        public function getPriceInclTax()
        {
            return $this->data['price_incl_tax'];
        }

        public function getProduct(): ?Product
        {
            return $this->data['product'];
        }
    }
}

namespace Magento\Sales\Model {
    use Magento\Sales\Model\Order\Address;

    /** Getters of OrderInterface and the Order model; values as Magento's database gives them (strings). */
    class Order
    {
        public const STATE_CANCELED = 'canceled';

        public function __construct(private array $data)
        {
        }

        private function get(string $key)
        {
            if (!array_key_exists($key, $this->data)) {
                throw new \LogicException("The stand-in order has no $key");
            }

            return $this->data[$key];
        }

        public function getEntityId()
        {
            return $this->get('entity_id');
        }

        public function getIncrementId()
        {
            return $this->get('increment_id');
        }

        public function getCreatedAt()
        {
            return $this->get('created_at');
        }

        public function getOrderCurrencyCode()
        {
            return $this->get('order_currency_code');
        }

        public function getGrandTotal()
        {
            return $this->get('grand_total');
        }

        public function getStoreId()
        {
            return $this->get('store_id');
        }

        public function getCustomerId()
        {
            return $this->get('customer_id');
        }

        public function getCustomerFirstname()
        {
            return $this->get('customer_firstname');
        }

        public function getCustomerEmail()
        {
            return $this->get('customer_email');
        }

        public function getCustomerIsGuest()
        {
            return $this->get('customer_is_guest');
        }

        public function getShippingDescription()
        {
            return $this->get('shipping_description');
        }

        public function getAllVisibleItems()
        {
            return $this->get('items');
        }

        public function getShippingAddress(): ?Address
        {
            return $this->get('shipping_address');
        }
    }
}

namespace Magento\Checkout\Model {
    use Magento\Sales\Model\Order;

    class Session
    {
        public function __construct(private Order $lastRealOrder)
        {
        }

        public function getLastRealOrder()
        {
            return $this->lastRealOrder;
        }
    }
}

namespace {
    use Magento\Catalog\Api\CategoryRepositoryInterface;
    use Magento\Framework\App\Config\ScopeConfigInterface;
    use Magento\Catalog\Api\Data\CategoryInterface;
    use Magento\Catalog\Model\Product;
    use Magento\Framework\Exception\NoSuchEntityException;
    use Magento\Sales\Model\Order;
    use Magento\Sales\Model\Order\Address;
    use Magento\Sales\Model\Order\Item;
    use Thankyou\Embed\Model\HistorySource;

    /** Configuration as Magento's scope config gives it, per store view; the secret encrypted. */
    final class MagentoScopeConfig implements ScopeConfigInterface
    {
        public function __construct(private array $values)
        {
        }

        public function getValue($path, $scopeType = 'default', $scopeCode = null)
        {
            return $this->values[$scopeCode][$path] ?? null;
        }

        public function isSetFlag($path, $scopeType = 'default', $scopeCode = null)
        {
            return (bool) $this->getValue($path, $scopeType, $scopeCode);
        }
    }

    /**
     * A Magento order, its customer's history and the catalog's categories
     * built from a neutral test scenario (integrations/tests/scenarios).
     *
     * @return array{0: Order, 1: HistorySource, 2: CategoryRepositoryInterface}
     */
    function magento_order_from_scenario(array $scenario): array
    {
        $order = $scenario['order'];
        $customer = $scenario['customer'] ?? [];
        $items = [];
        $names = [];
        foreach ($order['items'] ?? [] as $i => $item) {
            // The first category id was deleted from the catalog; the second is the item's.
            $names[20 + $i] = $item['category'];
            $items[] = new Item([
                'sku' => $item['sku'],
                'name' => $item['name'],
                'qty_ordered' => number_format($item['quantity'], 4, '.', ''),
                'price_incl_tax' => number_format((float) $item['price'], 4, '.', ''),
                'product' => new Product(['9', (string) (20 + $i)]),
            ]);
        }
        $guest = (bool) ($customer['is_guest'] ?? false);
        $entity = new Order([
            'entity_id' => (string) $order['id'],
            'increment_id' => $order['number'],
            'created_at' => $order['created_at'],
            'order_currency_code' => $order['currency'],
            'grand_total' => number_format((float) $order['total'], 4, '.', ''),
            'store_id' => '1',
            'customer_id' => $guest ? null : (string) ($customer['id'] ?? ''),
            'customer_firstname' => $customer['first_name'] ?? null,
            'customer_email' => $customer['email'] ?? null,
            'customer_is_guest' => $guest ? '1' : '0',
            'shipping_description' => 'Flat Rate - ' . $order['shipping']['method'],
            'items' => $items,
            'shipping_address' => new Address($order['shipping']['country']),
        ]);
        $history = new class ($scenario['history'] ?? [], $customer['newsletter'] ?? null) implements HistorySource {
            public function __construct(private array $orders, private ?bool $newsletter)
            {
            }

            public function pastOrders(Order $order): iterable
            {
                return $this->orders;
            }

            public function isSubscribed(Order $order): ?bool
            {
                return $this->newsletter;
            }
        };
        $categories = new class ($names) implements CategoryRepositoryInterface {
            public function __construct(private array $names)
            {
            }

            public function get($categoryId, $storeId = null)
            {
                if (!isset($this->names[$categoryId])) {
                    throw new NoSuchEntityException("No category $categoryId");
                }
                $name = $this->names[$categoryId];

                return new class ($name) implements CategoryInterface {
                    public function __construct(private string $name)
                    {
                    }

                    public function getName()
                    {
                        return $this->name;
                    }
                };
            }
        };

        return [$entity, $history, $categories];
    }
}
