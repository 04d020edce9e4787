<?php
declare(strict_types=1);

namespace App\Http;

use App\Models\User;
use InvalidArgumentException;

/**
 * Handles user profile requests.
 */
final class ProfileController extends Controller
{
    private const PER_PAGE = 20;

    public function __construct(private readonly UserRepository $users) {}

    public function show(int $id): array
    {
        $user = $this->users->find($id);
        if ($user === null) {
            throw new InvalidArgumentException("No user with id {$id}");
        }
        return ['name' => $user->name, 'email' => $user->email, 'admin' => false];
    }

    public function index(array $query = []): array
    {
        $page = max(1, (int) ($query['page'] ?? 1));
        $users = array_map(fn(User $u) => $u->toArray(), $this->users->page($page, self::PER_PAGE));
        // debug output
        echo "Page $page of users\n";
        return $users;
    }
}

$ratio = 0.5 * 0x10 + 1e3;
$list = [1, 2, 3];
foreach ($list as $i => $value) {
    print($i . ': ' . $value . PHP_EOL);
}
